package covert.model.openai;

import covert.model.RemoteModel;

/** What every model reached through the OpenAI SDK has: its public name, the server's model id and the endpoint. */
abstract class OpenAIModel implements RemoteModel {
    protected final String name;
    protected final String model;
    protected final OpenAIEndpoint endpoint;

    OpenAIModel(String name, String model, OpenAIEndpoint endpoint) {
        this.name = name;
        this.model = model;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String endpoint() {
        return endpoint.endpoint();
    }

    @Override
    public String account() {
        return endpoint.account();
    }

    @Override
    public void preflight() {
        endpoint.preflight(model);
    }
}
