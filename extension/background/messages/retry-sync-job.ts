// retry-sync-job: puts a failed or dead server-side sync job back in its queue.
import type { MessageRequest, MessageResponse } from "@shared/messages"
import * as api from "~lib/api"
import { defineHandler } from "../define-handler"
import { withServer } from "../server"

export type RetrySyncJobRequest = MessageRequest<"retry-sync-job">
export type RetrySyncJobResponse = MessageResponse<"retry-sync-job">

export default defineHandler("retry-sync-job", async ({ jobId }) => {
  await withServer((conn) => api.retrySyncJob(conn, jobId))
  return {}
})
