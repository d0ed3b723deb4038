namespace Vbrick.Exporter.Rev;

/// <summary>A Rev session token and when to renew it. The token is a secret: never log or expose it.</summary>
internal sealed record RevSession(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    // Vbrick's client assumes this when Rev gives no usable expiration.
    public static readonly TimeSpan FallbackLifetime = TimeSpan.FromMinutes(10);

    /// <summary>80% of the lifetime or 3 minutes before expiry, whichever comes first.</summary>
    public DateTimeOffset RenewAt
    {
        get
        {
            var lifetime = ExpiresAt - IssuedAt;
            var byShare = IssuedAt + (lifetime * 0.8);
            var byMargin = ExpiresAt - TimeSpan.FromMinutes(3);
            return byShare < byMargin ? byShare : byMargin;
        }
    }

    public static RevSession Create(string token, DateTimeOffset issuedAt, DateTimeOffset? expiration) =>
        new(token, issuedAt, expiration is { } e && e > issuedAt ? e : issuedAt + FallbackLifetime);
}
