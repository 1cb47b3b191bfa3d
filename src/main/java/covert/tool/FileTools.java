package covert.tool;

import covert.model.ToolCall;
import covert.world.FileSystem;
import covert.world.World;

/** {@code read_file} and {@code write_file} over the World's file system. */
final class FileTools {
    private FileTools() {}

    static final class ReadFile extends SimpleTool {
        ReadFile() {
            super("read_file", "Read a text file from the workspace.", "path", "Path of the file, relative to the workspace or absolute.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String path = call.stringArg("path");
            return world.files().read(path).<ToolResult>map(ToolResult.Output::new)
                    .orElseGet(() -> new ToolResult.Failure(world.files().isDir(path) ? "is_a_directory" : "file_not_found",
                            FileSystem.display(FileSystem.normalize(path)) + ": No such file"));
        }
    }

    static final class WriteFile extends SimpleTool {
        WriteFile() {
            super("write_file", "Create or overwrite a text file in the workspace.",
                    "path", "Path of the file.", "content", "The full new content of the file.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String path = call.stringArg("path");
            if (world.files().isDir(path)) return new ToolResult.Failure("is_a_directory", path + " is a directory");
            String content = call.stringArg("content");
            try {
                world.files().writeBounded(path, content);
            } catch (FileSystem.LimitExceeded e) { // a size cap answers like the disk would, never ends the sample
                return new ToolResult.Failure("limit", e.path() + ": " + e.getMessage());
            }
            return new ToolResult.Output("Wrote " + content.length() + " characters to " + FileSystem.display(FileSystem.normalize(path)));
        }
    }
}
