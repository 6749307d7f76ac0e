using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CityActors.Api.Feed;

/// <summary>
/// Several event sources as one stream, each item as soon as its source yields it: the case feed long-polls the
/// cluster while the vital signs are checked on a timer, and neither may hold the other back.
/// </summary>
internal static class SseMerge
{
    public static async IAsyncEnumerable<SseItem<string>> MergeAsync(
        IReadOnlyList<IAsyncEnumerable<SseItem<string>>> sources, [EnumeratorCancellation] CancellationToken stop)
    {
        using var pumping = CancellationTokenSource.CreateLinkedTokenSource(stop);

        // Bounded: a client that reads slowly slows the sources down instead of growing a queue in the host.
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(64) { SingleReader = true });
        var running = sources.Count;
        foreach (var source in sources)
        {
            _ = Task.Run(() => PumpAsync(source, channel.Writer, pumping.Token, () => Interlocked.Decrement(ref running) == 0), CancellationToken.None);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(stop))
            {
                yield return item;
            }
        }
        finally
        {
            // The client went away or a source failed: the others stop at their next step.
            await pumping.CancelAsync();
        }
    }

    /// <summary>Copies one source into the channel; a failure ends the whole stream with it, as a single source would.</summary>
    private static async Task PumpAsync(IAsyncEnumerable<SseItem<string>> source, ChannelWriter<SseItem<string>> writer, CancellationToken stop, Func<bool> lastOneDone)
    {
        try
        {
            await foreach (var item in source.WithCancellation(stop))
            {
                await writer.WriteAsync(item, stop);
            }

            if (lastOneDone())
            {
                writer.TryComplete();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
