import net from "node:net"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { startServer } from "../../../server/start-server"

describe("server shutdown", () => {
  it("closes even while a client holds a connection that never sent a request", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cogsync-shutdown-"))
    const server = await startServer({
      databasePath: path.join(dir, "db.sqlite"),
      clockworkApiUrl: "http://127.0.0.1:9",
      secretKey: Buffer.alloc(32, 7).toString("base64"),
      logLevel: "silent",
      sync: { worker: false },
    })
    const socket = net.connect(server.port, "127.0.0.1")
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()))
    const closed = new Promise<"closed">((resolve) => {
      void server.close().then(() => resolve("closed"))
    })
    const socketEnded = new Promise<"socket closed">((resolve) => socket.once("close", () => resolve("socket closed")))
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r("still open"), 30_000))])).toBe("closed")
    expect(await socketEnded).toBe("socket closed")
    rmSync(dir, { recursive: true, force: true })
  })
})
