using System.Globalization;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// Checks <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) the way Kestrel will read it, before anything
/// binds: Kestrel's own failure is a <see cref="FormatException"/> thrown from inside the host's
/// start, after the background services began, and it ends the process with a stack trace.
/// </summary>
public static class ListenAddresses
{
    public const string Key = "urls";

    /// <summary>One line per address Kestrel would refuse; empty when every address is usable.</summary>
    public static IReadOnlyList<string> Problems(string? urls)
    {
        var problems = new List<string>();
        var addresses = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            problems.Add($"{Key} (--urls) is empty: give at least one address such as http://+:{ExporterHostExtensions.DefaultPort}.");
        }

        foreach (var address in addresses)
        {
            if (Problem(address) is { } problem)
            {
                problems.Add($"{Key} (--urls): '{Shown(address)}' {problem}; an address looks like http://+:{ExporterHostExtensions.DefaultPort} or https://0.0.0.0:9874.");
            }
        }

        return problems;
    }

    private static string? Problem(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return "is not an address";
        }

        if (parsed.IsNamedPipe || parsed.IsUnixPipe)
        {
            return null;
        }

        if (parsed.Scheme is not ("http" or "https"))
        {
            return $"has scheme '{parsed.Scheme}', not http or https";
        }

        if (parsed.Host.Length == 0)
        {
            return "has no host";
        }

        if (address.IndexOf('@', StringComparison.Ordinal) > address.IndexOf("://", StringComparison.Ordinal))
        {
            return "carries user info, which an address to listen on cannot";
        }

        if (parsed.PathBase.Length > 0)
        {
            return "has a path, which Kestrel does not serve";
        }

        // BindingAddress leaves a port it cannot read to Kestrel's start; read it here.
        var authority = address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && colon > authority.LastIndexOf(']') &&
            !(int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535))
        {
            return "has a port that is not a number from 0 to 65535";
        }

        return null;
    }

    /// <summary>An address as written, without any user info a careless value might carry.</summary>
    private static string Shown(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? address[..(scheme + 3)] + "<redacted>@" + address[(at + 1)..] : address;
    }
}
