namespace Vbrick.Exporter.Rev;

/// <summary>
/// The one rule for how far a Rev scroll may run (real-time sweeps and post-event reports alike):
/// the pages Rev's own total needs, plus headroom for an audience that grows while the scroll is
/// read; without a total, the pages the per-event session cap needs. Pages are counted at the size
/// Rev serves (the largest page of the scroll so far), which a tenant may keep below the 500 asked
/// for. A Rev that keeps handing out pages past that is looping, and the scroll is given up rather
/// than followed forever.
/// </summary>
public static class ScrollGuard
{
    /// <summary>Records Rev returns per page (the largest it documents; the exporter always asks for it).</summary>
    public const int PageSize = 500;

    /// <summary>Pages allowed past the total's count.</summary>
    public const int ExtraPages = 10;

    /// <summary>Pages <paramref name="records"/> need at <paramref name="pageSize"/> a page (at least one).</summary>
    public static int PagesFor(long records, int pageSize = PageSize)
    {
        var size = Math.Clamp(pageSize, 1, PageSize);
        return (int)Math.Max(1, Math.Min(int.MaxValue - ExtraPages, (records / size) + (records % size > 0 ? 1 : 0)));
    }

    /// <summary>True once <paramref name="pagesRead"/> is more than the scroll can honestly need at the <paramref name="servedPageSize"/> Rev serves.</summary>
    public static bool RanAway(int pagesRead, long? total, long recordsWithoutTotal, int servedPageSize = PageSize) =>
        pagesRead > PagesFor(total is >= 0 ? total.Value : recordsWithoutTotal, servedPageSize) + ExtraPages;

    /// <summary>The page size a scroll shows: its largest page so far (pages before the last are full), or what was asked before any.</summary>
    public static int Served(int largestPage) => largestPage > 0 ? Math.Min(largestPage, PageSize) : PageSize;
}
