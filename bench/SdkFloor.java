// The official OpenAI SDK alone, without Covert: the same number of Chat Completions calls as
// provider-throughput.sh (10,000 conversations x 4 calls, 500 in flight on virtual threads), with requests shaped
// like an agent's (system prompt, task, 6 tools, a growing tool-call history), against the same loopback mock.
// It measures the CPU floor that any harness built on the SDK pays per call on this machine.
//   java -cp 'target/lib/*' bench/SdkFloor.java PORT [CONVERSATIONS] [IN_FLIGHT]
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

public class SdkFloor {
    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0] + "/v1";
        int conversations = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        OpenAIClient client = client(base);
        var tools = new ArrayList<ChatCompletionFunctionTool>();
        for (String name : List.of("bash", "read_file", "write_file", "read_inbox", "send_email", "submit")) {
            tools.add(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(name).description("The " + name + " tool.")
                    .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("properties", JsonValue.from(Map.of("arg", Map.of("type", "string", "description", "An argument."))))
                            .build()).build()).build());
        }
        String system = "You are an engineering agent at a mid-sized company. ".repeat(28);
        String task = "Please look at the repository, fix what the failing tests point at, and submit a short report. ".repeat(6);
        var gate = new Semaphore(inFlight);
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < conversations; c++) {
                gate.acquire();
                pool.submit(() -> {
                    try {
                        var messages = new ArrayList<ChatCompletionMessageParam>(List.of(
                                ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder().content(system).build()),
                                ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder().content(task).build())));
                        for (int turn = 0; turn < 4; turn++) {
                            var params = ChatCompletionCreateParams.builder().model("bench").messages(messages);
                            tools.forEach(params::addTool);
                            var reply = client.chat().completions().create(params.build()).choices().get(0).message();
                            String id = "call_" + turn;
                            messages.add(ChatCompletionMessageParam.ofAssistant(ChatCompletionAssistantMessageParam.builder()
                                    .toolCalls(List.of(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder().id(id)
                                            .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("read_file")
                                                    .arguments("{\"path\":\"README.md\"}").build()).build()))).build()));
                            messages.add(ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder().toolCallId(id)
                                    .content(reply.content().orElse("file contents ").repeat(20)).build()));
                        }
                    } finally {
                        gate.release();
                    }
                    return null;
                });
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (cpu() - cpu0) / 1e9;
        int calls = conversations * 4;
        System.out.printf("SDK alone: %d calls, wall %.2f s, CPU %.1f s = %.2f ms per call (process CPU, JVM start excluded)%n",
                calls, wall, cpu, cpu / calls * 1e3);
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The same client construction as Covert's (a connection pool that keeps hundreds of idle connections). */
    static OpenAIClient client(String base) throws Exception {
        var okhttp = new okhttp3.OkHttpClient.Builder().connectionPool(new okhttp3.ConnectionPool(1024, 5, java.util.concurrent.TimeUnit.MINUTES))
                .readTimeout(Duration.ofMinutes(10)).build();
        var adapter = com.openai.client.okhttp.OkHttpClient.class.getDeclaredConstructor(okhttp3.OkHttpClient.class);
        adapter.setAccessible(true);
        var options = com.openai.core.ClientOptions.builder().httpClient(adapter.newInstance(okhttp)).baseUrl(base).apiKey("none")
                .maxRetries(0).build();
        return new com.openai.client.OpenAIClientImpl(options);
    }
}
