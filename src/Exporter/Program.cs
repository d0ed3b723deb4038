using Vbrick.Exporter.Demo;
using Vbrick.Exporter.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

switch (ExporterCommands.Requested(args))
{
    case ExporterCommands.Help:
        await ExporterCommands.WriteHelpAsync(Console.Out);
        return 0;
    case ExporterCommands.Version:
        await ExporterCommands.WriteVersionAsync(Console.Out);
        return 0;
    case ExporterCommands.CheckConfig:
        return await ExporterCommands.CheckConfigAsync(args, Console.Out, Console.Error);
}

var builder = ExporterCommands.CreateBuilder(args);
await builder.AddDemoSimulatorAsync();
try
{
    builder.AddExporter();
}
catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } failures)
{
    return await ConfigurationErrors.ReportAsync(failures, Console.Error);
}

var app = builder.Build();
app.MapExporterEndpoints();
return await app.RunExporterAsync();

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
