using System.Buffers.Binary;
using System.Text;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// Decodes the parts of an OTLP <c>ExportMetricsServiceRequest</c> the tests compare, straight
/// from the protobuf wire format (field numbers from opentelemetry-proto's metrics.proto), so the
/// tests check what actually crossed the socket.
/// </summary>
public static class OtlpWire
{
    public static List<OtlpPoint> DecodeRequest(ReadOnlySpan<byte> request)
    {
        var points = new List<OtlpPoint>();
        var reader = new Reader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                DecodeResourceMetrics(reader.Bytes(), points);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return points;
    }

    private static void DecodeResourceMetrics(ReadOnlySpan<byte> bytes, List<OtlpPoint> points)
    {
        var resource = new Dictionary<string, object>(StringComparer.Ordinal);
        var scopes = new List<byte[]>();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    var r = new Reader(reader.Bytes());
                    while (r.Next(out var rf, out var rw))
                    {
                        if (rf == 1 && rw == 2)
                        {
                            AddKeyValue(r.Bytes(), resource);
                        }
                        else
                        {
                            r.Skip(rw);
                        }
                    }

                    break;
                case 2 when wire == 2:
                    scopes.Add(reader.Bytes().ToArray());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            DecodeScopeMetrics(scope, resource, points);
        }
    }

    private static void DecodeScopeMetrics(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, object> resource, List<OtlpPoint> points)
    {
        var scopeName = string.Empty;
        var metrics = new List<byte[]>();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                var s = new Reader(reader.Bytes());
                while (s.Next(out var sf, out var sw))
                {
                    if (sf == 1 && sw == 2)
                    {
                        scopeName = Encoding.UTF8.GetString(s.Bytes());
                    }
                    else
                    {
                        s.Skip(sw);
                    }
                }
            }
            else if (field == 2 && wire == 2)
            {
                metrics.Add(reader.Bytes().ToArray());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        foreach (var metric in metrics)
        {
            DecodeMetric(metric, resource, scopeName, points);
        }
    }

    private static void DecodeMetric(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, object> resource, string scope, List<OtlpPoint> points)
    {
        string name = string.Empty, description = string.Empty, unit = string.Empty;
        var reader = new Reader(bytes);
        var bodies = new List<(int Field, byte[] Body)>();
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: name = Encoding.UTF8.GetString(reader.Bytes()); break;
                case 2 when wire == 2: description = Encoding.UTF8.GetString(reader.Bytes()); break;
                case 3 when wire == 2: unit = Encoding.UTF8.GetString(reader.Bytes()); break;
                case 5 or 7 or 9 when wire == 2: bodies.Add((field, reader.Bytes().ToArray())); break;
                default: reader.Skip(wire); break;
            }
        }

        foreach (var (kind, body) in bodies)
        {
            var temporality = 0L;
            var monotonic = false;
            var dataPoints = new List<byte[]>();
            var b = new Reader(body);
            while (b.Next(out var field, out var wire))
            {
                switch (field)
                {
                    case 1 when wire == 2: dataPoints.Add(b.Bytes().ToArray()); break;
                    case 2 when wire == 0: temporality = (long)b.Varint(); break;
                    case 3 when wire == 0: monotonic = b.Varint() != 0; break;
                    default: b.Skip(wire); break;
                }
            }

            var type = kind switch { 5 => OtlpType.Gauge, 7 => OtlpType.Sum, _ => OtlpType.Histogram };
            foreach (var dataPoint in dataPoints)
            {
                points.Add(type == OtlpType.Histogram
                    ? DecodeHistogramPoint(dataPoint, name, description, unit, scope, temporality, resource)
                    : DecodeNumberPoint(dataPoint, name, description, unit, scope, type, temporality, monotonic, resource));
            }
        }
    }

    private static OtlpPoint DecodeNumberPoint(ReadOnlySpan<byte> bytes, string name, string description, string unit, string scope, OtlpType type, long temporality, bool monotonic, IReadOnlyDictionary<string, object> resource)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        double value = double.NaN;
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 7 when wire == 2: AddKeyValue(reader.Bytes(), attributes); break;
                case 4 when wire == 1: value = BitConverter.UInt64BitsToDouble(reader.Fixed64()); break;
                case 6 when wire == 1: value = (long)reader.Fixed64(); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OtlpPoint(name, description, unit, scope, type, temporality, monotonic, attributes, resource, value, 0, 0, [], []);
    }

    private static OtlpPoint DecodeHistogramPoint(ReadOnlySpan<byte> bytes, string name, string description, string unit, string scope, long temporality, IReadOnlyDictionary<string, object> resource)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        ulong count = 0;
        double sum = 0;
        var buckets = new List<ulong>();
        var bounds = new List<double>();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 9 when wire == 2: AddKeyValue(reader.Bytes(), attributes); break;
                case 4 when wire == 1: count = reader.Fixed64(); break;
                case 5 when wire == 1: sum = BitConverter.UInt64BitsToDouble(reader.Fixed64()); break;
                case 6 when wire == 1: buckets.Add(reader.Fixed64()); break;
                case 6 when wire == 2:
                    var packedCounts = reader.Bytes();
                    for (var i = 0; i < packedCounts.Length; i += 8)
                    {
                        buckets.Add(BinaryPrimitives.ReadUInt64LittleEndian(packedCounts[i..]));
                    }

                    break;
                case 7 when wire == 1: bounds.Add(BitConverter.UInt64BitsToDouble(reader.Fixed64())); break;
                case 7 when wire == 2:
                    var packedBounds = reader.Bytes();
                    for (var i = 0; i < packedBounds.Length; i += 8)
                    {
                        bounds.Add(BinaryPrimitives.ReadDoubleLittleEndian(packedBounds[i..]));
                    }

                    break;
                default: reader.Skip(wire); break;
            }
        }

        return new OtlpPoint(name, description, unit, scope, OtlpType.Histogram, temporality, false, attributes, resource, double.NaN, count, sum, bounds, buckets);
    }

    private static void AddKeyValue(ReadOnlySpan<byte> bytes, Dictionary<string, object> into)
    {
        var key = string.Empty;
        object value = string.Empty;
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                key = Encoding.UTF8.GetString(reader.Bytes());
            }
            else if (field == 2 && wire == 2)
            {
                var any = new Reader(reader.Bytes());
                while (any.Next(out var af, out var aw))
                {
                    switch (af)
                    {
                        case 1 when aw == 2: value = Encoding.UTF8.GetString(any.Bytes()); break;
                        case 2 when aw == 0: value = any.Varint() != 0; break;
                        case 3 when aw == 0: value = (long)any.Varint(); break;
                        case 4 when aw == 1: value = BitConverter.UInt64BitsToDouble(any.Fixed64()); break;
                        default: any.Skip(aw); break;
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        into[key] = value;
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public bool Next(out int field, out int wire)
        {
            if (_position >= _data.Length)
            {
                field = wire = 0;
                return false;
            }

            var tag = Varint();
            field = (int)(tag >> 3);
            wire = (int)(tag & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = _data[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new FormatException("Varint too long.");
        }

        public ulong Fixed64()
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
            _position += 8;
            return value;
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            var slice = _data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _position += 8; break;
                case 2: Bytes(); break;
                case 5: _position += 4; break;
                default: throw new FormatException($"Unknown wire type {wire}.");
            }
        }
    }
}

public enum OtlpType
{
    Gauge,
    Sum,
    Histogram,
}

/// <summary>One data point as received; histogram bucket counts are per bucket (not cumulative), +Inf last.</summary>
public sealed record OtlpPoint(
    string Name,
    string Description,
    string Unit,
    string Scope,
    OtlpType Type,
    long Temporality,
    bool Monotonic,
    IReadOnlyDictionary<string, object> Attributes,
    IReadOnlyDictionary<string, object> Resource,
    double Value,
    ulong Count,
    double Sum,
    IReadOnlyList<double> Bounds,
    IReadOnlyList<ulong> BucketCounts)
{
    public string Key => Name + "{" + string.Join(",", Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")) + "}";
}
