using CityActors.Assist.History;

namespace CityActors.Assist.Tests;

public sealed class HistoryReaderTests
{
    [Fact]
    public void Reads_every_request_of_the_Boston_year_from_the_zip()
    {
        var history = AssistFiles.Boston;

        history.Schema.ShouldBe("boston");
        history.Rows.Count.ShouldBe(58_251);
        history.Skipped.ShouldBe(0);
        var first = history.Rows[0];
        first.Id.ShouldBe("101000295613");
        first.Opened.ShouldBe(new DateTime(2011, 7, 1, 1, 32, 33));
        first.Closed.ShouldBe(new DateTime(2011, 7, 1, 5, 6, 58));
        first.Type.ShouldBe("Street Light Outages");
        first.Queue.ShouldBe("PWDx_Street Light Outages");
        first.Department.ShouldBe("PWDx");
        first.Channel.ShouldBe("Employee Generated");
        first.Latitude.ShouldBe(42.2715);
        history.Rows.Count(r => r.TitleDiffersFromType).ShouldBe(7_171);
        history.Rows.Select(r => r.Type).Distinct().Count().ShouldBe(141);
    }

    [Fact]
    public void Reads_the_NYC_schema_with_the_agency_as_queue_and_the_descriptor_as_text()
    {
        var history = HistoryReader.Read(AssistFiles.NycSample);

        history.Schema.ShouldBe("nyc");
        history.Rows.Count.ShouldBe(100);
        var first = history.Rows[0];
        first.Id.ShouldBe("42254749");
        first.Opened.ShouldBe(new DateTime(2019, 4, 18, 21, 55, 45));
        first.Type.ShouldBe("Noise - Residential");
        first.Title.ShouldBe("Banging/Pounding");
        first.Queue.ShouldBe("NYPD");
        first.Department.ShouldBe("NYPD");
        first.Channel.ShouldBe("PHONE");
        first.Area.ShouldBe("15 BROOKLYN");
        first.Longitude.ShouldBe(-73.9325913);
    }

    [Fact]
    public void Matches_column_names_without_regard_to_case()
    {
        const string csv = "CASE_ENQUIRY_ID,Open_Dt,CLOSED_DT,Case_Title,TYPE,Queue,DEPARTMENT,Source,Latitude,Longitude\n" +
            "7,2011-07-01 08:00:00,,Pothole on Main St,Request for Pothole Repair,PWDx_District 03,PWDx,Self Service,42.3,-71.1\n";

        var history = HistoryReader.Read(new StringReader(csv));

        history.Schema.ShouldBe("boston");
        var row = history.Rows.ShouldHaveSingleItem();
        row.Title.ShouldBe("Pothole on Main St");
        row.Closed.ShouldBeNull();
        row.ResolutionHours.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_header_names_the_columns_each_schema_needs()
    {
        var ex = Should.Throw<HistoryFormatException>(() => HistoryReader.Read(new StringReader("id,when,what\n1,2,3\n")));

        ex.Message.ShouldContain("no known 311 schema");
        ex.Message.ShouldContain("boston: case_enquiry_id, open_dt, type, department, case_title, queue");
        ex.Message.ShouldContain("nyc: Unique Key, Created Date, Complaint Type, Agency, Descriptor");
    }

    [Fact]
    public void A_malformed_date_is_reported_with_its_line()
    {
        const string csv = "case_enquiry_id,open_dt,case_title,type,queue,department\n" +
            "1,2011-07-01 08:00:00,a,b,c,d\n" +
            "2,yesterday,a,b,c,d\n";

        var ex = Should.Throw<HistoryFormatException>(() => HistoryReader.Read(new StringReader(csv)));

        ex.Message.ShouldStartWith("Line 3: open_dt 'yesterday' is not a date in the boston schema");
    }

    [Fact]
    public void Rows_without_a_type_are_skipped_and_counted()
    {
        const string csv = "case_enquiry_id,open_dt,case_title,type,queue,department\n" +
            "1,2011-07-01 08:00:00,a,,c,d\n" +
            "2,2011-07-01 09:00:00,a,b,c,d\n";

        var history = HistoryReader.Read(new StringReader(csv));

        history.Rows.ShouldHaveSingleItem().Id.ShouldBe("2");
        history.Skipped.ShouldBe(1);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var ex = Should.Throw<HistoryFormatException>(() => HistoryReader.Read("/nonexistent/history.csv"));

        ex.Message.ShouldBe("History file /nonexistent/history.csv does not exist.");
    }
}
