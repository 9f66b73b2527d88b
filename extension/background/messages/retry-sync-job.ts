// retry-sync-job: puts a failed or dead server-side sync job back in its queue.
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export default defineHandler("retry-sync-job", async ({ jobId }) => {
  await withServer((conn) => api.retrySyncJob(conn, jobId))
  return {}
})
