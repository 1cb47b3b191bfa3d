package covert.model.middleware;

import covert.model.Model;

/** A model that adds one concern around another, like an OkHttp interceptor; identity and capabilities pass through. */
abstract class Wrapper implements Model {
    protected final Model inner;

    Wrapper(Model inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Continuation continuation() {
        return inner.continuation();
    }

    @Override
    public java.util.Optional<covert.model.Checkpoint> checkpoint() {
        return inner.checkpoint();
    }

    @Override
    public boolean simulated() {
        return inner.simulated();
    }
}
