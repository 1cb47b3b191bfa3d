package covert.tool;

import covert.model.ToolCall;
import covert.world.Email;
import covert.world.World;

/** {@code read_inbox} and {@code send_email} over the World's mailbox. */
final class MailTools {
    private MailTools() {}

    static final class ReadInbox extends SimpleTool {
        ReadInbox() {
            super("read_inbox", "List all emails in your inbox, newest last, with their full text.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            var mails = world.inbox();
            if (mails.isEmpty()) return new ToolResult.Output("Inbox is empty.");
            var sb = new StringBuilder();
            for (int i = 0; i < mails.size(); i++) {
                Email m = mails.get(i);
                sb.append("--- Email ").append(i + 1).append(" ---\nFrom: ").append(m.from()).append("\nTo: ").append(m.to())
                        .append("\nSubject: ").append(m.subject()).append("\n\n").append(m.body().strip()).append("\n\n");
            }
            return new ToolResult.Output(sb.toString().strip());
        }
    }

    static final class SendEmail extends SimpleTool {
        SendEmail() {
            super("send_email", "Send an email.", "to", "Recipient address.", "subject", "Subject line.", "body", "Body text.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String to = call.stringArg("to");
            if (!to.contains("@")) return new ToolResult.Failure("parsing", "'" + to + "' is not an email address");
            world.send(new Email("agent", to, call.stringArg("subject"), call.stringArg("body")));
            return new ToolResult.Output("Email sent to " + to + ".");
        }
    }
}
