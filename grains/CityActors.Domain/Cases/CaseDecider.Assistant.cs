using System.Globalization;

namespace CityActors.Domain.Cases;

/// <summary>Dispatch by a learned model's suggestion (智能派遣), behind a confidence gate.</summary>
public sealed partial class CaseDecider
{
    private void AutoDispatch(Context c, AutoDispatchCase command)
    {
        c.Require(command.By.Role == Role.System, "automatic dispatch is made by the cluster's dispatch assistant");
        c.RequireStatus(CaseStatus.Accepted);
        if (City.FindDepartment(command.Lead ?? "") is null)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Department '{command.Lead}' does not exist in city {City.Id}.");
        }

        Required(command.ModelVersion, "An automatic dispatch's model version");
        if (!(command.Threshold is > 0 and <= 1) || !(command.Confidence is >= 0 and <= 1))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Confidence and threshold must lie in 0–1 (threshold above 0); they are {command.Confidence} and {command.Threshold}.");
        }

        c.RefuseIf(command.Confidence < command.Threshold, $"the confidence {Format(command.Confidence)} is below the gate {Format(command.Threshold)}: the suggestion is for the centre to decide");

        // A return is how a department undoes an automatic dispatch; sending the case straight back would undo the undo.
        c.RefuseIf(c.State.ReturnedBy.Contains(command.Lead!), $"{command.Lead} returned it; only the centre dispatches it there again");

        var meta = c.Meta($"auto-dispatch: model {command.ModelVersion}, confidence {Format(command.Confidence)} ≥ gate {Format(command.Threshold)}");
        c.Emit(new CaseAutoDispatched(meta, command.Lead!, command.ModelVersion, command.Confidence, command.Threshold));
        c.DispatchTo(command.Lead!, [], manual: false, meta);
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
