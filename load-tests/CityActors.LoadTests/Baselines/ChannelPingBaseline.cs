using System.Threading.Channels;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// The baseline: the bare minimum an actor needs, one task per actor reading a channel and answering each request
/// through a TaskCompletionSource. No identity, activation, deadlines or scheduling rules.
/// </summary>
public sealed class ChannelPingBaseline : IAsyncDisposable
{
    private readonly Channel<Request>[] _mailboxes;
    private readonly Task[] _actors;

    public ChannelPingBaseline(int actors)
    {
        _mailboxes = new Channel<Request>[actors];
        _actors = new Task[actors];
        for (var i = 0; i < actors; i++)
        {
            var mailbox = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
            _mailboxes[i] = mailbox;
            _actors[i] = Task.Run(() => RunActor(mailbox.Reader));
        }
    }

    public Task<int> Ping(int actor, int value)
    {
        var request = new Request(value);
        _mailboxes[actor].Writer.TryWrite(request);
        return request.Reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var mailbox in _mailboxes)
        {
            mailbox.Writer.TryComplete();
        }

        await Task.WhenAll(_actors).ConfigureAwait(false);
    }

    private static async Task RunActor(ChannelReader<Request> reader)
    {
        // The fastest idiomatic consumer loop: drain synchronously, await only when empty.
        var calls = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var request))
            {
                calls++;
                request.Reply.SetResult(request.Value + calls);
            }
        }
    }

    private sealed class Request(int value)
    {
        public int Value { get; } = value;

        public TaskCompletionSource<int> Reply { get; } = new();
    }
}
