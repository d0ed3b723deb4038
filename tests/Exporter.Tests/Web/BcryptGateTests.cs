using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Tests.Web;

/// <summary>The bcrypt slots' two lanes: an address with no recent wrong password goes first; a waiter not served in time is refused.</summary>
public sealed class BcryptGateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ACleanAddress_GetsTheNextSlot_AheadOfSuspectsThatCameFirst()
    {
        var gate = new BcryptGate(1, new FakeTimeProvider());
        Assert.True(await gate.WaitAsync(suspect: false, Wait, CancellationToken.None));
        var suspects = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(suspect: true, Wait, CancellationToken.None)).ToList();
        var clean = gate.WaitAsync(suspect: false, Wait, CancellationToken.None);

        gate.Release();

        Assert.True(await clean);
        Assert.All(suspects, s => Assert.False(s.IsCompleted));

        // Then the suspects, first come first served.
        gate.Release();
        Assert.True(await suspects[0]);
        Assert.False(suspects[1].IsCompleted);
    }

    [Fact]
    public async Task AWaiterNotServedWithinItsWait_IsRefused_AndTheSlotGoesToTheNext()
    {
        var time = new FakeTimeProvider();
        var gate = new BcryptGate(1, time);
        Assert.True(await gate.WaitAsync(suspect: false, Wait, CancellationToken.None));
        var late = gate.WaitAsync(suspect: true, Wait, CancellationToken.None);

        time.Advance(Wait);
        var next = gate.WaitAsync(suspect: true, Wait, CancellationToken.None);
        gate.Release();

        Assert.False(await late);
        Assert.True(await next);
    }

    [Fact]
    public async Task AFreeSlot_IsTakenAtOnce_ButNeverPastAWaitingCleanAddress()
    {
        var gate = new BcryptGate(2, new FakeTimeProvider());

        Assert.True(await gate.WaitAsync(suspect: true, Wait, CancellationToken.None));
        Assert.True(await gate.WaitAsync(suspect: false, Wait, CancellationToken.None));
        var clean = gate.WaitAsync(suspect: false, Wait, CancellationToken.None);
        var suspect = gate.WaitAsync(suspect: true, Wait, CancellationToken.None);
        gate.Release();

        Assert.True(await clean);
        Assert.False(suspect.IsCompleted);
    }
}
