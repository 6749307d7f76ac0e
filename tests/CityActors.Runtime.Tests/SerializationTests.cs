using System.Text;
using System.Text.Json;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests;

/// <summary>Grain calls can leave the process: a call captured from a proxy is rebuilt from bytes and served.</summary>
public sealed class SerializationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_call_round_trips_through_its_wire_form_and_is_served()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var request = Capture<ICounterGrain>("wire", g => g.Add(5));

        request.MethodId.ShouldBe("CityActors.Runtime.Tests.Grains.ICounterGrain.Add(int)");
        var bytes = GrainRequestCodec.SerializeArguments(request, Json);
        Encoding.UTF8.GetString(bytes).ShouldBe("[5]");

        var copy = (GrainRequest<int>)GrainRequestCodec.Deserialize(request.MethodId, bytes, Json);
        silo.Services.GetRequiredService<LocalGrainRuntime>().Deliver(new GrainId("counter", "wire"), copy);

        (await copy.ResultTask).ShouldBe(5);
        (await silo.Grains.GetGrain<ICounterGrain>("wire").Get()).ShouldBe(5);
    }

    [Fact]
    public void Arguments_of_every_shape_survive_the_round_trip()
    {
        var request = Capture<ITimerGrain>("t", g => g.Start(TimeSpan.FromSeconds(1.5), Timeout.InfiniteTimeSpan, interleave: true));
        var bytes = GrainRequestCodec.SerializeArguments(request, Json);

        var copy = GrainRequestCodec.Deserialize(request.MethodId, bytes, Json);

        GrainRequestCodec.SerializeArguments(copy, Json).ShouldBe(bytes);
        Encoding.UTF8.GetString(bytes).ShouldBe("""["00:00:01.5000000","-00:00:00.0010000",true]""");
    }

    [Fact]
    public void Cancellation_tokens_stay_local()
    {
        var request = Capture<ITurnGrain>("t", g => g.Hang(CancellationToken.None));

        request.MethodId.ShouldBe("CityActors.Runtime.Tests.Grains.ITurnGrain.Hang()");
        Encoding.UTF8.GetString(GrainRequestCodec.SerializeArguments(request, Json)).ShouldBe("[]");
    }

    [Fact]
    public void Unknown_methods_and_mismatched_arguments_are_refused_clearly()
    {
        Should.Throw<GrainConfigurationException>(() => GrainRequestCodec.Deserialize("IGone.Missing(int)", "[1]"u8, Json))
            .Message.ShouldContain("Unknown grain method 'IGone.Missing(int)'");
        Should.Throw<JsonException>(() => GrainRequestCodec.Deserialize("CityActors.Runtime.Tests.Grains.ICounterGrain.Add(int)", "[1,2]"u8, Json))
            .Message.ShouldContain("exactly 1 value");
        Should.Throw<JsonException>(() => GrainRequestCodec.Deserialize("CityActors.Runtime.Tests.Grains.ICounterGrain.Add(int)", "{}"u8, Json))
            .Message.ShouldContain("must be a JSON array");
    }

    private static GrainRequest Capture<TGrain>(string key, Func<TGrain, Task> call)
        where TGrain : IGrainWithStringKey
    {
        var invoker = new CapturingInvoker();
        var proxy = (TGrain)(object)GrainInterfaceRegistry.Get<TGrain>().CreateProxy(new GrainId(GrainInterfaceRegistry.Get<TGrain>().GrainType, key), invoker);
        _ = call(proxy);
        return invoker.Captured ?? throw new InvalidOperationException("The proxy sent nothing.");
    }

    private sealed class CapturingInvoker : IGrainCallInvoker
    {
        public GrainRequest? Captured { get; private set; }

        public void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken) => Captured = request;
    }
}
