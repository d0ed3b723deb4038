namespace Vbrick.Rev.Simulator;

public enum KeyCasing
{
    Pascal,
    Camel,
}
