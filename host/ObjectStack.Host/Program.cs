using ObjectStack.Host.Commands;

return await CommandLine.RunAsync(args);
