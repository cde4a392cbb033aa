import type { EnqueuedTask, Meilisearch, Task } from "meilisearch";

/** A Meilisearch task that ended in failure (or was canceled); the message carries Meilisearch's own. */
export class MeilisearchTaskError extends Error {
  readonly task: Task;
  constructor(task: Task) {
    const on = task.indexUid ? ` on ${task.indexUid}` : "";
    const reason = task.error ? `${task.error.message} (${task.error.code})` : "no error given";
    super(`Meilisearch task ${task.uid} (${task.type}${on}) ${task.status}: ${reason}`);
    this.name = "MeilisearchTaskError";
    this.task = task;
  }
}

export interface WaitOptions {
  /** Longest wait for each task, in milliseconds. */
  timeoutMs: number;
}

/**
 * Waits for each task in order and throws MeilisearchTaskError at the first
 * that did not succeed. The client's own wait returns failed tasks as
 * results; an unchecked failure would look like success.
 */
export async function waitForTasks(meili: Meilisearch, tasks: EnqueuedTask[], options: WaitOptions): Promise<Task[]> {
  const done: Task[] = [];
  for (const enqueued of tasks) {
    // Polls every 100 ms: tasks here index thousands of documents, not one.
    const task = await meili.tasks.waitForTask(enqueued, { timeout: options.timeoutMs, interval: 100 });
    if (task.status !== "succeeded") throw new MeilisearchTaskError(task);
    done.push(task);
  }
  return done;
}

/** One task: enqueue it, wait for it, throw if it failed. */
export async function runTask(meili: Meilisearch, enqueue: Promise<EnqueuedTask>, options: WaitOptions): Promise<Task> {
  const [task] = await waitForTasks(meili, [await enqueue], options);
  return task!;
}
