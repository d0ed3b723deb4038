using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Configuration;

/// <summary>
/// The one way options are checked: after <c>AddOptions&lt;T&gt;().Bind(section)</c> (left at the
/// call site, where the configuration binding generator can see the type), <see cref="ValidatedBy{TOptions, TValidator}"/>
/// adds the class's validator (the source-generated one of its data annotations, where it has any)
/// and validation at start-up, so a bad value stops the exporter with exit code 2 before it polls.
/// Rules across fields are a second validator, added with <see cref="WithRules{TOptions, TRules}"/>.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> ValidatedBy<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder.ValidateOnStart();
    }

    public static OptionsBuilder<TOptions> WithRules<TOptions, TRules>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TRules : class, IValidateOptions<TOptions>
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TRules>();
        return builder;
    }
}
