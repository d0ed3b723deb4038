using Vbrick.Exporter.Demo;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Web;

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
}

var checkOnly = ExporterCommands.Requested(args) == ExporterCommands.CheckConfig;
var builder = WebApplication.CreateBuilder(WebConfigHosting.TranslateArguments(DemoMode.TranslateArguments([.. args.Where(a => a != ExporterCommands.CheckConfig)])));
if (checkOnly)
{
    // Validation only: the demo's simulator is not started, and nothing listens.
    builder.Logging.ClearProviders();
}
else
{
    await builder.AddDemoSimulatorAsync();
}

try
{
    builder.AddExporter();
}
catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } failures)
{
    return await ConfigurationErrors.ReportAsync(failures, Console.Error);
}

var app = builder.Build();
if (checkOnly)
{
    return await ExporterCommands.CheckConfigAsync(app, Console.Out, Console.Error);
}

app.MapExporterEndpoints();
return await app.RunExporterAsync();

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
