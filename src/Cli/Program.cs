using Lake.Cli.Commands;

return await LakeCommandLine.InvokeAsync(args);
