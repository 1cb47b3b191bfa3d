package covert.model.sim;

import covert.UserError;
import covert.env.Playbook;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.ModelProvider;
import java.util.TreeSet;

/** {@code sim/<organism>}: the simulated model organisms, honest test doubles that need no API key. */
public final class SimProvider implements ModelProvider {
    @Override
    public String prefix() {
        return "sim";
    }

    @Override
    public Model create(String name, ModelContext context) {
        int at = name.indexOf('@');
        Organism o = Organism.BUILT_IN.get(at < 0 ? name : name.substring(0, at));
        if (o == null) {
            throw new UserError("unknown simulated organism 'sim/" + name + "' (known: sim/"
                    + String.join(", sim/", new TreeSet<>(Organism.BUILT_IN.keySet())) + ")");
        }
        var playbooks = context.playbooks().stream().filter(Playbook.class::isInstance).map(Playbook.class::cast).toList();
        if (at >= 0) o = Checkpoints.at(o, name.substring(at + 1));
        return new SimModel(o.with(context.args()), playbooks);
    }
}
