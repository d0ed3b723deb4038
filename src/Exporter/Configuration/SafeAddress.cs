namespace Vbrick.Exporter.Configuration;

/// <summary>
/// How a configured address may appear in a log line or an error: scheme, host and port only.
/// User info (<c>https://user:password@host</c>), a path or a query can carry credentials.
/// </summary>
internal static class SafeAddress
{
    public static string Describe(Uri address) =>
        address.IsAbsoluteUri && !string.IsNullOrEmpty(address.Host)
            ? $"{address.Scheme}://{address.Host}{(address.IsDefaultPort ? string.Empty : ":" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}"
            : "a relative address";

    public static string Describe(string? configured) =>
        Uri.TryCreate(configured, UriKind.Absolute, out var address)
            ? Describe(address)
            : "a value that is not an absolute address";
}
