using Lake.Cli;
using Lake.Cli.Commands;
using Lake.DevelopmentCli.Commands;

// Before anything is written: every file and folder the command creates is owner-only (docs/delivery-access.md).
ProcessUmask.RestrictToOwner();
return await LakeCommandLine.InvokeAsync(args, DemoCommand.Create(), SynthCommand.Create());
