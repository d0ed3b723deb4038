using Vbrick.Exporter.Aggregation;

namespace Vbrick.Exporter.Tests.Aggregation;

public sealed class ChunkedListTests
{
    [Fact]
    public void Items_ReadBackInOrder_AcrossChunks_AndAClearedListStartsAgainFromZero()
    {
        var list = new ChunkedList<(long Value, int Index)>();
        for (var i = 0; i < 3_000; i++)
        {
            list.Add((i * 7L, i));
        }

        Assert.Equal(3_000, list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            Assert.Equal((i * 7L, i), list[i]);
        }

        list.Clear();
        Assert.Equal(0, list.Count);
        list.Add((42, 0));
        Assert.Equal((42L, 0), list[0]);
        Assert.Equal(1, list.Count);

        list.Release();
        Assert.Equal(0, list.Count);
        list.Add((5, 1));
        Assert.Equal((5L, 1), list[0]);
    }

    [Fact]
    public void Clear_LetsGoOfWhatTheItemsReferred()
    {
        var list = new ChunkedList<KeyValuePair<object, int>>();
        var weak = Fill(list);

        list.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(weak.TryGetTarget(out _), "a cleared list still kept its items' objects alive");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<object> Fill(ChunkedList<KeyValuePair<object, int>> list)
    {
        var item = new object();
        list.Add(new(item, 1));
        return new WeakReference<object>(item);
    }
}
