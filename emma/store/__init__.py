"""The only place with SQL: the connection, the schema and one repository module per aggregate."""
