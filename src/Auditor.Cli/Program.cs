using Auditor.Cli;

return MlauditCli.Run(args, CliEnvironment.FromProcess());
