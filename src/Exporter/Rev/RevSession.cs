namespace Vbrick.Exporter.Rev;

/// <summary>A Rev session token and when to renew it. The token is a secret: never log or expose it.</summary>
internal sealed record RevSession(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>How the token was obtained: a refusal soon after a sign-in says the sign-in itself is what fails.</summary>
    public SessionRenewal Renewal { get; init; } = SessionRenewal.Extend;

    // Vbrick's client assumes this when Rev gives no usable expiration.
    public static readonly TimeSpan FallbackLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// 80% of the lifetime or 3 minutes before expiry, whichever comes first, but never before half
    /// the lifetime: a session shorter than 6 minutes would otherwise be due for renewal at once,
    /// and every call would extend it again.
    /// </summary>
    public DateTimeOffset RenewAt
    {
        get
        {
            var lifetime = ExpiresAt - IssuedAt;
            var byShare = IssuedAt + (lifetime * 0.8);
            var byMargin = ExpiresAt - TimeSpan.FromMinutes(3);
            var earliest = IssuedAt + (lifetime / 2);
            var renew = byShare < byMargin ? byShare : byMargin;
            return renew > earliest ? renew : earliest;
        }
    }

    public static RevSession Create(string token, DateTimeOffset issuedAt, DateTimeOffset? expiration) =>
        new(token, issuedAt, expiration is { } e && e > issuedAt ? e : issuedAt + FallbackLifetime);
}
