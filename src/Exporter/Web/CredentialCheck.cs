using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Web;

/// <summary>How a request's credentials fared.</summary>
internal enum CredentialOutcome
{
    Accepted,
    Refused,

    /// <summary>Too many checks from the client, or every bcrypt slot busy: answered 429 without a check.</summary>
    Throttled,
}

/// <summary>
/// Basic-auth credentials against bcrypt hashes, shaped so a flood of wrong passwords cannot take
/// the machine: bcrypt runs in at most <see cref="BcryptSlots"/> requests at once; the checks a
/// client causes are rate limited; a wrong pair is remembered for a minute and costs nothing again;
/// an unknown user is checked against a decoy hash of the same cost (no user enumeration by
/// timing); passwords over 72 bytes (bcrypt's limit, beyond which it ignores bytes) are refused.
/// Verified and failed pairs are remembered by SHA-256 only, in bounded tables.
/// </summary>
internal sealed partial class CredentialCheck : IDisposable
{
    public const int MaxPasswordBytes = 72;
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _users;
    private readonly Task<string> _decoyHash;
    private readonly BcryptGate _bcrypt;

    // Client addresses that sent a wrong password within FailureMemory: their checks queue behind
    // every other address's.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suspectClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failed = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _checks;
    private readonly TimeProvider _time;
    private int _running;
    private int _mostRunning;
    private long _bcryptChecks;

    public CredentialCheck(IOptions<WebOptions> options, TimeProvider time, ILogger<CredentialCheck> logger)
    {
        _time = time;
        _users = new Dictionary<string, string>(options.Value.BasicAuthUsers, StringComparer.Ordinal);
        BcryptSlots = Math.Max(1, Environment.ProcessorCount / 2);
        _bcrypt = new BcryptGate(BcryptSlots, time);
        var costs = _users.Select(u => (u.Key, Cost: BcryptCost.Of(u.Value))).ToList();
        foreach (var (user, cost) in costs.Where(c => c.Cost is < 10 or > 14))
        {
            Log.UnusualCost(logger, user, cost);
        }

        // Same cost as the dearest real hash, so an unknown user takes as long as a known one. Made
        // beside start-up, never in its way (a cost of 17 takes seconds); the first check of an
        // unknown user waits for it. Without users nothing is ever checked: no bcrypt work at all.
        var decoyCost = costs.Count == 0 ? 0 : Math.Clamp(costs.Max(c => c.Cost), 4, BcryptCost.Max);
        _decoyHash = decoyCost == 0
            ? Task.FromResult(string.Empty)
            : Task.Run(() => BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), decoyCost));
        _checks = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20,
            TokensPerPeriod = 5,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>bcrypt checks allowed at once: half the cores, so probes and scrapes keep the rest.</summary>
    public int BcryptSlots { get; }

    /// <summary>The most bcrypt checks that ever ran at once (tests read it).</summary>
    public int MostConcurrentChecks => Volatile.Read(ref _mostRunning);

    /// <summary>The decoy hash, made in the background (tests read whether start-up waited for it).</summary>
    internal Task DecoyReady => _decoyHash;

    /// <summary>bcrypt checks run so far, decoys included (tests read it).</summary>
    public long BcryptChecks => Interlocked.Read(ref _bcryptChecks);

    public async ValueTask<CredentialOutcome> CheckAsync(string client, string user, string password, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            return CredentialOutcome.Refused;
        }

        var known = _users.TryGetValue(user, out var hash);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + password + "\n" + (hash ?? string.Empty))));
        if (known && _verified.ContainsKey(key))
        {
            return CredentialOutcome.Accepted;
        }

        if (_failed.TryGetValue(key, out var until) && until > _time.GetUtcNow())
        {
            return CredentialOutcome.Refused;
        }

        // Every bcrypt check a client causes takes a token (20 at once, 5 a second after): a
        // flood is answered 429 before it costs any CPU.
        using (var lease = _checks.AttemptAcquire(client, 1))
        {
            if (!lease.IsAcquired)
            {
                return CredentialOutcome.Throttled;
            }
        }

        var suspect = _suspectClients.TryGetValue(client, out var suspectUntil) && suspectUntil > _time.GetUtcNow();
        if (!await _bcrypt.WaitAsync(suspect, SlotWait, cancellationToken))
        {
            return CredentialOutcome.Throttled;
        }

        bool valid;
        try
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostRunning, running);
            Interlocked.Increment(ref _bcryptChecks);
            valid = Verify(password, hash ?? await _decoyHash) && known;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _bcrypt.Release();
        }

        if (!valid)
        {
            Remember(_failed, key, _time.GetUtcNow() + FailureMemory);
            Remember(_suspectClients, client, _time.GetUtcNow() + FailureMemory);
            return CredentialOutcome.Refused;
        }

        Remember(_verified, key, (byte)0);
        return CredentialOutcome.Accepted;
    }

    public void Dispose() => _checks.Dispose();

    private static void Remember<T>(ConcurrentDictionary<string, T> table, string key, T value)
    {
        if (table.Count >= MaxRemembered)
        {
            table.Clear();
        }

        table[key] = value;
    }

    private static bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "The bcrypt cost of Web:BasicAuthUsers:{User} is {Cost}; 10 to 14 is recommended (lower is fast to crack, higher makes every new connection slow)")]
        public static partial void UnusualCost(ILogger logger, string user, int cost);
    }
}

/// <summary>A bcrypt hash's cost, and the most the exporter accepts.</summary>
internal static class BcryptCost
{
    /// <summary>
    /// The dearest cost accepted: 17 already takes seconds a check on 2 cores, so every new
    /// connection would wait that long (and 31 would take days).
    /// </summary>
    public const int Max = 17;

    /// <summary>The cost of a <c>$2b$NN$...</c> hash; 0 when unreadable.</summary>
    public static int Of(string hash) =>
        hash.Length > 6 && int.TryParse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var cost) ? cost : 0;
}
