using Microsoft.Extensions.Options;
using System.ComponentModel.DataAnnotations;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Rev;

/// <summary>Connection to one Rev account (configuration section <c>Rev</c>).</summary>
public sealed class RevOptions
{
    public const string SectionName = "Rev";

    /// <summary>Base address of the Rev tenant, e.g. <c>https://company.rev.vbrick.com</c>.</summary>
    [Required(ErrorMessage = "Rev:Url is required (the base address of your Rev tenant).")]
    public Uri? Url { get; set; }

    /// <summary>API key of the Rev user the exporter signs in as.</summary>
    [Required(ErrorMessage = "Rev:ApiKey is required.")]
    public string? ApiKey { get; set; }

    /// <summary>Secret of the API key. Prefer <see cref="SecretFile"/> in containers.</summary>
    public string? Secret { get; set; }

    /// <summary>Path of a file whose content is the secret; wins over <see cref="Secret"/>.</summary>
    public string? SecretFile { get; set; }

    /// <summary>Why <see cref="SecretFile"/> gave no secret, where it is more than "missing or empty"; set by the loader, never bound.</summary>
    internal string? SecretFileProblem { get; set; }

    /// <summary>Allows a plain-http <see cref="Url"/>; only for the simulator and tests.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Time one HTTP attempt may take before it counts as a timeout.</summary>
    [Between("00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bound on a request with its retries (three attempts and their back-off): the resilience
    /// pipeline's total timeout and the client's deadline for non-real-time requests.
    /// </summary>
    public TimeSpan TotalRequestTimeout => (RequestTimeout * 3) + TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long Rev keeps an idle scroll id. Rev documents 60 s (video search) and nothing for the
    /// real-time endpoint; the scheduler never leaves a scroll idle longer and learns a shorter one
    /// from expiries.
    /// </summary>
    [Between("00:00:01", "01:00:00")]
    public TimeSpan ScrollLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest answer read from Rev, in bytes. A real-time page of 500 attendees is about 1 MB and
    /// 10,000 comments (Rev's default page) a few MB; the cap keeps a broken or hostile answer from
    /// holding memory.
    /// </summary>
    [Between("65536", "1073741824")]
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Rev's per-account request limits, per family.</summary>
    [ValidateObjectMembers]
    public RevRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Units of Rev's duration fields (<c>Rev:Units:*</c>).</summary>
    public RevUnitOptions Units { get; set; } = new();
}
