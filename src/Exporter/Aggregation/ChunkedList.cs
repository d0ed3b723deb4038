namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// A list that grows by fixed chunks of 1,024 items: growing never copies what it holds and never
/// needs one large array. A sweep of a 400,000-viewer town hall keeps 400,000 pending readings; a
/// <see cref="List{T}"/> doubling to hold them had the old and the new array alive at once, which
/// took the peak memory of two such events past a quarter of the container's limit.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    // 1,024 items of up to 64 bytes stay under the large-object heap's 85,000-byte threshold.
    private const int Shift = 10;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public ref readonly T this[int index] => ref _chunks[index >> Shift][index & Mask];

    public void Add(in T item)
    {
        var chunk = Count >> Shift;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[chunk][Count & Mask] = item;
        Count++;
    }

    /// <summary>Empties the list and keeps its chunks for the next sweep; what they held is cleared, so it is not kept alive.</summary>
    public void Clear()
    {
        for (var chunk = 0; chunk < _chunks.Count && chunk << Shift < Count; chunk++)
        {
            Array.Clear(_chunks[chunk], 0, Math.Min(ChunkSize, Count - (chunk << Shift)));
        }

        Count = 0;
    }

    /// <summary>Empties the list and gives its chunks back.</summary>
    public void Release()
    {
        _chunks.Clear();
        _chunks.TrimExcess();
        Count = 0;
    }
}
