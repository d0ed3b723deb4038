using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Configuration;

/// <summary>
/// Rules an options class's annotations cannot express (across fields, an address, a file). Each
/// rule adds its failure; all are reported together, so one run of <c>--check-config</c> lists
/// every problem. Registered with <see cref="OptionsRegistration.WithRules{TOptions, TRules}"/>.
/// </summary>
internal abstract class OptionsRules<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Check(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    protected abstract void Check(TOptions options, List<string> failures);
}
