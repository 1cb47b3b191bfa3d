package covert.world;

/** One mail in the World's mailbox. */
public record Email(String from, String to, String subject, String body) {
    public Email {
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }
}
