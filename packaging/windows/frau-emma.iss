; Inno Setup script for the Windows installer of Frau Emma (Inno Setup 6.3 or newer).
; Build dist\frau-emma first (packaging\README.md), then, from the project's root folder:
;   iscc /DAppVersion=0.1.0 packaging\windows\frau-emma.iss
; Output: dist\frau-emma-0.1.0-setup.exe
;
; The installer only ever writes into the program folder and the shortcuts. The shop's data - the customer file,
; its backups and logs in %LOCALAPPDATA%\FrauEmma - is written by the app itself, so the uninstaller, which removes
; only what it installed, keeps it. Nothing below may name that folder in [UninstallDelete].

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Frau Emma"
#define AppExe "Frau Emma.exe"
#define Source "..\..\dist\frau-emma"

[Setup]
; The AppId ties updates and the uninstaller to this app: never change it.
AppId={{ABBBCDF8-5E32-483E-A05B-08DEB9165C4A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; A shop PC's owner is often not its administrator: install for this user unless an administrator chooses all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=frau-emma-{#AppVersion}-setup
SetupIconFile=..\icons\frau-emma.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; The app must not be running while its files are replaced or removed.
CloseApplications=yes

[Languages]
; German first: it is the default when Windows speaks neither language.
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
de.DataKept=Ihre Kundendatei, Sicherungen und Einstellungen bleiben erhalten in:%n%1%n%nWenn Sie Frau Emma wieder installieren, ist alles wieder da.
en.DataKept=Your customer file, backups and settings are kept in:%n%1%n%nIf you install Frau Emma again, everything is back.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Source}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python's caches, if any were written beside the program; the data folder is elsewhere and stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  // Say where the data stays, so that nobody thinks the customers are gone (or deletes them by hand by mistake).
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\FrauEmma')]), mbInformation, MB_OK);
end;
