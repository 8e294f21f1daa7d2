import { PGlite } from '@electric-sql/pglite';
const db = new PGlite('/tmp/d1/pgdata');
console.log((await db.query("select d.kind, u.role, count(*) from users u join departments d on d.id=u.department_id group by 1,2 order by 1")).rows);
console.log((await db.query("select count(*) from work_orders")).rows);
