using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

/// <summary>
/// Tells a case's unit's vital signs of the case's latest mark, after the command that changed it was answered: a
/// command never waits for the vital signs (their stored write would double a command's latency). One send at a time;
/// a mark that changes while a send is under way goes next, and only the latest one, since a mark is the case's whole
/// count. Used from the case grain's turns and continuations only, so it needs no lock.
/// </summary>
/// <remarks>
/// A failed send is logged, not retried: the case's next change sends its mark again. The same holds when the silo
/// dies before a send, as it did when the command awaited the send after its commit.
/// </remarks>
internal sealed partial class CaseMarkSender(IGrainFactory grains, string caseId, ILogger logger)
{
    private Task _sending = Task.CompletedTask;
    private (string Unit, CaseMark Mark)? _next;

    /// <summary>Completes when every mark handed over so far has been sent (or failed).</summary>
    public Task Sent => _sending;

    public void Send(string unit, CaseMark mark)
    {
        _next = (unit, mark);
        if (_sending.IsCompleted)
        {
            _sending = SendAsync();
        }
    }

    private async Task SendAsync()
    {
        while (_next is { } next)
        {
            _next = null;
            try
            {
                await grains.GetGrain<IVitalsGrain>(next.Unit).SetCase(caseId, next.Mark);
            }
            catch (Exception ex)
            {
                LogNotCounted(logger, ex, caseId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Case} changed, but its unit's vital signs were not told; they count it from its next change.")]
    private static partial void LogNotCounted(ILogger logger, Exception exception, string @case);
}
