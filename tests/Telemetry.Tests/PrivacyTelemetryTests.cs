using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.TestKit;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class PrivacyTelemetryTests
{
    [Fact]
    public async Task AskAsync_RunOverOnePatientsRecord_NoExportedValueHoldsTheirNameBirthDateNotesOrValues()
    {
        var (records, patient, document) = PatientWithNote();
        var family = patient.Name[0].Family;
        await using var host = await new TelemetryTestHost(Script(patient, document)).SeedAsync(records);
        var facts = await PrivateFacts.ReadAsync(host.Services.GetRequiredService<IFhirGateway>(), patient.Id);

        var answer = await host.Services.GetRequiredService<ClinicalAgentRunner>().AskAsync(
            $"How is {patient.Name[0].Given.First()} {family}, born {patient.BirthDate}, doing?", host.Tools, new AgentRunOptions { PatientId = patient.Id });
        host.FlushMetrics();
        var exported = ExportedValues.Of(host.Spans, host.Metrics);

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        Assert.Contains(family, facts.Words);
        Assert.Contains(patient.BirthDate, facts.Phrases);
        Assert.True(facts.Phrases.Count > 5 && facts.Numbers.Count > 5, $"{facts.Phrases.Count} phrases, {facts.Numbers.Count} numbers: too few facts to check against");
        Assert.Equal(6, host.Named("execute_tool").Count(s => s.Status != System.Diagnostics.ActivityStatusCode.Error));
        Assert.Contains(host.Spans, s => s.DisplayName == "fhir search-type Patient");
        Assert.Empty(facts.FoundIn(exported));
    }

    [Fact]
    public async Task AskAsync_ModelTelemetryWithSensitiveData_ThePrivacyCheckFindsTheRecord()
    {
        // The control: the same run with message contents recorded must be caught, or the check above proves nothing.
        var (records, patient, document) = PatientWithNote();
        await using var host = await new TelemetryTestHost(Script(patient, document),
            model => model.UseOpenTelemetry(sourceName: "ClinicalAgent.Model", configure: t => t.EnableSensitiveData = true)).SeedAsync(records);
        var facts = await PrivateFacts.ReadAsync(host.Services.GetRequiredService<IFhirGateway>(), patient.Id);

        await host.Services.GetRequiredService<ClinicalAgentRunner>().AskAsync("How is the patient doing?", host.Tools, new AgentRunOptions { PatientId = patient.Id });
        var found = facts.FoundIn(ExportedValues.Of(host.Spans, []));

        Assert.Contains(found, f => f.StartsWith($"name '{patient.Name[0].Family}'", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("value ", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains(patient.BirthDate, StringComparison.Ordinal));
    }

    /// <summary>The generated records and a patient of them with a note.</summary>
    private static (IReadOnlyList<Resource> Records, Patient Patient, DocumentReference Note) PatientWithNote()
    {
        var records = TelemetryTestHost.GenerateRecords();
        var note = records.OfType<DocumentReference>().First(d => d.Content.Any(c => c.Attachment?.Data is { Length: > 100 }));
        var patientId = note.Subject.Reference.Split('/')[1];
        return (records, records.OfType<Patient>().Single(p => p.Id == patientId), note);
    }

    /// <summary>Finds the patient by name and birth date, reads demographics, labs, notes and one note, and answers with the name.</summary>
    private static ScriptedChatClient Script(Patient patient, DocumentReference note)
    {
        var usage = new UsageDetails { InputTokenCount = 1001, OutputTokenCount = 2002 };
        var answer = ScriptedChatClient.Answer($"{patient.Name[0].Family} ({patient.BirthDate}) is stable.");
        answer.Usage = usage;
        return new ScriptedChatClient(
            ScriptedChatClient.Call("find_patients", new { family = patient.Name[0].Family, birthdate = patient.BirthDate }, "c1", usage),
            ScriptedChatClient.Call("get_patient", new { patient_id = patient.Id }, "c2", usage),
            ScriptedChatClient.Call("get_observations", new { patient_id = patient.Id }, "c3", usage),
            ScriptedChatClient.Call("get_documents", new { patient_id = patient.Id }, "c4", usage),
            ScriptedChatClient.Call("read_document", new { document_id = note.Id }, "c5", usage),
            ScriptedChatClient.Call("get_conditions", new { patient_id = patient.Id }, "c6", usage),
            answer);
    }
}
