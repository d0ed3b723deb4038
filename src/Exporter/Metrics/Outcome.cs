namespace Vbrick.Exporter.Metrics;

/// <summary>How a reload, a discovery search or an OTLP push ended: the <c>outcome</c> label.</summary>
public enum Outcome
{
    Success,
    Failure,
}

public static class OutcomeLabels
{
    public static string Label(this Outcome outcome) => outcome switch
    {
        Outcome.Success => "success",
        Outcome.Failure => "failure",
    };

    public static Outcome From(bool succeeded) => succeeded ? Outcome.Success : Outcome.Failure;
}
