namespace Vbrick.Rev.Simulator.Audience;

/// <summary>Zone sets for simulated town halls, each zone with its share of the audience and whether it is an office.</summary>
public static class ZoneSets
{
    /// <summary>
    /// Nineteen named zones and a share with none, as a large company's town hall has them. "London"
    /// is contained in "HQ London", and most office names share the word "Office", so a search's
    /// match rule matters; "London" and "Zurich Office" are small enough to fit a page.
    /// </summary>
    public static readonly IReadOnlyList<(string? Zone, double Weight, bool Office)> TwentyZones =
    [
        ("HQ London", 0.14, true), ("London", 0.004, true), ("New York Office", 0.10, true), ("Singapore Office", 0.06, true),
        ("Oslo Office", 0.05, true), ("Paris Office", 0.05, true), ("Frankfurt Office", 0.05, true), ("Sydney Office", 0.04, true),
        ("Toronto Office", 0.04, true), ("Tokyo Office", 0.04, true), ("Mumbai Office", 0.03, true), ("Sao Paulo Office", 0.03, true),
        ("Madrid Office", 0.02, true), ("Dublin Office", 0.02, true), ("Chicago Office", 0.02, true), ("Austin Office", 0.01, true),
        ("Zurich Office", 0.006, true), ("VPN", 0.12, false), ("Home / Internet", 0.16, false), (null, 0.01, false),
    ];

    /// <summary>Five zones, one a 5% office: the freshness benchmark's and the spike tests' town hall.</summary>
    public static readonly IReadOnlyList<(string? Zone, double Weight, bool Office)> FiveZones =
    [
        ("Oslo Office", 0.05, true), ("London HQ", 0.35, true), ("New York Office", 0.25, true), ("VPN", 0.15, false), ("Home / Internet", 0.20, false),
    ];
}
