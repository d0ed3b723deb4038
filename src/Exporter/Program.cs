using Vbrick.Exporter.Demo;
using Vbrick.Exporter.Hosting;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(DemoMode.TranslateArguments(args));
await builder.AddDemoSimulatorAsync();
builder.AddExporter();

var app = builder.Build();
app.MapExporterEndpoints();
return await app.RunExporterAsync();

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
