"""Use cases: one function per thing the owner does, called alike by the window and the command."""
