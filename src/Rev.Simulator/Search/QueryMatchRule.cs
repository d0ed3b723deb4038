namespace Vbrick.Rev.Simulator.Search;

/// <summary>
/// How the simulated tenant matches a real-time search's <c>q</c> against a field. Rev does not
/// document its rule, so the simulator offers each plausible one: a client must count right under all.
/// </summary>
public enum QueryMatchRule
{
    /// <summary>Case-insensitive substring: "London" also finds "HQ London".</summary>
    Substring,

    /// <summary>Any word in common, case-insensitive (a search engine's default "or" match): "New York Office" finds "Oslo Office".</summary>
    Words,

    /// <summary>Case-insensitive equality.</summary>
    Exact,

    /// <summary><c>q</c> is ignored: every record matches.</summary>
    Ignored,
}
