import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { User, UserWithToken } from "@shared/index"
import { startTestServer, type TestServer } from "../helpers/test-server"

describe("users and tokens", () => {
  let t: TestServer
  beforeEach(async () => {
    t = await startTestServer({ secondTeam: true })
  })
  afterEach(async () => {
    await t.close()
  })

  it("lists the team's users, and only them, to an admin", async () => {
    const res = await t.request<{ users: User[] }>("GET", "/users")
    expect(res.status).toBe(200)
    expect(res.body.users.map((u) => u.id).sort()).toEqual([t.team.admin.id, t.team.recruiter.id].sort())
  })

  it("creates a recruiter whose token is shown once and signs them in", async () => {
    const res = await t.request<UserWithToken>("POST", "/users", { body: { name: "  Rita Recruiter ", email: "Rita@Example.com", role: "recruiter" } })
    expect(res.status).toBe(201)
    expect(res.body.user).toMatchObject({ name: "Rita Recruiter", email: "rita@example.com", role: "recruiter" })
    expect(res.body.token).toMatch(/^cgs_[A-Za-z0-9_-]{43}$/)
    const me = await t.request<{ user: User }>("GET", "/me", { token: res.body.token })
    expect(me.body.user.id).toBe(res.body.user.id)
    const list = await t.request<{ users: User[] }>("GET", "/users")
    expect(JSON.stringify(list.body)).not.toContain(res.body.token)
  })

  it("stores only a hash of each token", async () => {
    const res = await t.request<UserWithToken>("POST", "/users", { body: { name: "Hash Check", role: "recruiter" } })
    const rows = t.server.db.$client.prepare("select token_hash from tokens").all() as { token_hash: string }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.token_hash.includes(res.body.token) || res.body.token.includes(r.token_hash))).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it.each([
    ["name", { email: "x@example.com", role: "recruiter" }],
    ["name", { name: "   ", role: "recruiter" }],
    ["email", { name: "X", email: "not-an-email", role: "recruiter" }],
    ["role", { name: "X", role: "owner" }],
    ["body", []],
  ])("refuses a user without a valid %s (400 naming it)", async (field, body) => {
    const res = await t.request("POST", "/users", { body })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { code: "invalid_input", field } })
  })

  it("refuses a second user with the same email in a team (409 naming email)", async () => {
    const res = await t.request("POST", "/users", { body: { name: "Copy", email: t.team.recruiter.email, role: "recruiter" } })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: { field: "email" } })
  })

  it("allows the same email in another team", async () => {
    const res = await t.request("POST", "/users", { token: t.otherTeam!.tokens.admin, body: { name: "Copy", email: t.team.recruiter.email, role: "recruiter" } })
    expect(res.status).toBe(201)
  })

  it("issues a new token for a user and revokes the old one", async () => {
    const res = await t.request<UserWithToken>("POST", `/users/${t.team.recruiter.id}/tokens`)
    expect(res.status).toBe(201)
    expect(res.body.token).not.toBe(t.tokens.recruiter)
    expect((await t.request("GET", "/me", { token: t.tokens.recruiter })).status).toBe(401)
    expect((await t.request("GET", "/me", { token: res.body.token })).status).toBe(200)
  })

  it("lets a recruiter replace their own token but not another user's", async () => {
    const own = await t.request<UserWithToken>("POST", `/users/${t.team.recruiter.id}/tokens`, { token: t.tokens.recruiter })
    expect(own.status).toBe(201)
    const other = await t.request("POST", `/users/${t.team.admin.id}/tokens`, { token: own.body.token })
    expect(other.status).toBe(403)
  })

  it("answers 404 for a user of another team", async () => {
    const res = await t.request("POST", `/users/${t.otherTeam!.recruiter.id}/tokens`)
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ error: { code: "not_found", field: "id" } })
    expect((await t.request("GET", "/me", { token: t.otherTeam!.tokens.recruiter })).status).toBe(200)
  })

  it("refuses a malformed user id (400 naming id)", async () => {
    const res = await t.request("POST", "/users/bad%20id!/tokens")
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { field: "id" } })
  })
})
