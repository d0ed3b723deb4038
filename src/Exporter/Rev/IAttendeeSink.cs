namespace Vbrick.Exporter.Rev;

/// <summary>Receives attendee records as the page streams in.</summary>
public interface IAttendeeSink
{
    void Add(in AttendeeRecord record);
}
