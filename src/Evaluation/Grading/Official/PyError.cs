namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// An exception the official Python graders would raise at this point (a missing key, a list indexed like a dict, a
/// string compared with a number). Their asserts sit inside <c>try/except</c>, so it means the check failed.
/// </summary>
internal sealed class PyError(string message) : Exception(message);
