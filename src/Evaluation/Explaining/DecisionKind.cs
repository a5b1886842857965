namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>What kind of decision a decisive step was, from how the run's decision differs from the oracle's there.</summary>
public static class DecisionKind
{
    /// <summary>Which patient: a search's name or birth date, a call's patient id, a patient answered.</summary>
    public const string PatientLookup = "patient_lookup";

    /// <summary>Which data: an observation's code, a medication, which tool was asked.</summary>
    public const string CodeChoice = "code_choice";

    /// <summary>Which time: since, until, latest only, an order's occurrence, a date answered.</summary>
    public const string DateWindow = "date_window";

    /// <summary>A number worked out: a dose, an average, a value answered.</summary>
    public const string Arithmetic = "arithmetic";

    /// <summary>A write: one missing, one too many, or one of its fields.</summary>
    public const string PayloadField = "payload_field";

    /// <summary>The answer's form: no list, another count of items, a number written as text, no answer where one was due.</summary>
    public const string FinalAnswerFormat = "final_answer_format";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [PatientLookup, CodeChoice, DateWindow, Arithmetic, PayloadField, FinalAnswerFormat];

    /// <summary>The kind as a report's reader says it: <c>patient lookup</c>.</summary>
    public static string Label(string kind) => kind.Replace('_', ' ');
}
