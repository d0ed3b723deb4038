namespace Vbrick.Rev.Simulator;

public enum PollShape
{
    /// <summary><c>{"polls":[{..., "pollAnswers":[...]}]}</c></summary>
    Wrapped,

    /// <summary><c>[{..., "pollAnswers":[...]}]</c></summary>
    BareArray,

    /// <summary>Vbrick's sample: the first poll alone, its <c>pollAnswers</c> one object.</summary>
    SingleObject,
}
