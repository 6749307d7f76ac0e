using System.Text.Json.Serialization;

namespace CityActors.Domain.Cases;

/// <summary>Something an actor asks of a case. <see cref="CaseDecider"/> checks role, org scope and state, then emits events.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$command")]
[JsonDerivedType(typeof(ReportCase), "report")]
[JsonDerivedType(typeof(VerifyCase), "verify")]
[JsonDerivedType(typeof(RejectCase), "reject")]
[JsonDerivedType(typeof(MergeCase), "merge")]
[JsonDerivedType(typeof(AcceptCase), "accept")]
[JsonDerivedType(typeof(DispatchCase), "dispatch")]
[JsonDerivedType(typeof(AutoDispatchCase), "auto-dispatch")]
[JsonDerivedType(typeof(SignFor), "sign-for")]
[JsonDerivedType(typeof(ReportHandled), "report-handled")]
[JsonDerivedType(typeof(ReturnCase), "return")]
[JsonDerivedType(typeof(RequestExtension), "request-extension")]
[JsonDerivedType(typeof(DecideExtension), "decide-extension")]
[JsonDerivedType(typeof(RequestSuspension), "request-suspension")]
[JsonDerivedType(typeof(DecideSuspension), "decide-suspension")]
[JsonDerivedType(typeof(ResumeCase), "resume")]
[JsonDerivedType(typeof(InspectCase), "inspect")]
[JsonDerivedType(typeof(EvaluateCase), "evaluate")]
[JsonDerivedType(typeof(SuperviseCase), "supervise")]
[JsonDerivedType(typeof(ReopenCase), "reopen")]
[JsonDerivedType(typeof(LinkReporter), "link-reporter")]
[JsonDerivedType(typeof(TimerDue), "timer-due")]
[JsonDerivedType(typeof(RecordSensorReadings), "record-sensor-readings")]
[JsonDerivedType(typeof(RecordSensorRecovery), "record-sensor-recovery")]
public abstract record CaseCommand(Actor By)
{
    /// <summary>The command's name in errors and the audit trail.</summary>
    [JsonIgnore]
    public string Name => GetType().Name;
}
