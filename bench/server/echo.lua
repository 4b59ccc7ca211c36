-- wrk script: POST /echo with a valid ten-field EchoRecord (projects/benchmark-plan.loadstar.json).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":42,"name":"Ada Lovelace","email":"ada@example.com","age":36,"score":0.87,' ..
           '"tags":["math","engines"],"active":true,"created_at":"2026-11-25T12:00:00Z","country":"GB",' ..
           '"ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b"}'
