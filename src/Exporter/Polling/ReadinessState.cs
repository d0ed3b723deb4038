namespace Vbrick.Exporter.Polling;

/// <summary>Ready once any Rev request for an event succeeded, or when there is nothing to watch.</summary>
public sealed class ReadinessState
{
    private int _ready;

    public bool IsReady => Volatile.Read(ref _ready) == 1;

    public void MarkReady() => Volatile.Write(ref _ready, 1);
}
