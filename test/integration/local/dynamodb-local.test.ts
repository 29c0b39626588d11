import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, startDynamoDbLocal } from '../../../local/emulators';
import { nonLoopbackAddress, tryConnect } from './network';

/** Polls until `probe` is true; jest's timeout bounds it. */
async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('DynamoDB Local through the loopback launcher', () => {
  let folder: string;
  // A Java runtime without the jdk.compiler module, as jlink'ed JREs are.
  let javaWithoutCompiler: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-ddb-'));
    javaWithoutCompiler = path.join(folder, 'java-without-compiler');
    writeFileSync(javaWithoutCompiler, '#!/bin/sh\nexec java --limit-modules java.se,jdk.unsupported "$@"\n');
    chmodSync(javaWithoutCompiler, 0o755);
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('says what to install when the Java runtime cannot compile the launcher', async () => {
    // Act
    const start = startDynamoDbLocal(await freePort(), { cacheRoot: path.join(folder, 'cache'), java: javaWithoutCompiler });

    // Assert
    await expect(start).rejects.toThrow(/lacks the jdk\.compiler module needed to run it: install a JDK ≥ 17/);
  });

  it('says what to install when there is no Java at all', async () => {
    // Act
    const start = startDynamoDbLocal(await freePort(), { cacheRoot: path.join(folder, 'cache'), java: path.join(folder, 'no-java-here') });

    // Assert
    await expect(start).rejects.toThrow(/needs a Java runtime ≥ 17, and there is no `java`/);
  });

  it('compiles the launcher on its first start, then runs the cached class, which needs no compiler, on 127.0.0.1 only', async () => {
    // Arrange: a first start compiles the launcher into the cache once it is up.
    const cacheRoot = path.join(folder, 'cache');
    const first = await startDynamoDbLocal(await freePort(), { cacheRoot });
    const classes = () => (existsSync(path.join(cacheRoot, 'dynamodb-launcher')) ? readdirSync(path.join(cacheRoot, 'dynamodb-launcher')) : []);
    await until(() => classes().some((name) => existsSync(path.join(cacheRoot, 'dynamodb-launcher', name, 'VigilDynamoDbLocal.class'))));
    await first.stop();

    // Act
    const port = await freePort();
    const second = await startDynamoDbLocal(port, { cacheRoot, java: javaWithoutCompiler });
    const client = new DynamoDBClient({ endpoint: second.endpoint });
    const tables = await client.send(new ListTablesCommand({})).finally(() => client.destroy());
    const address = nonLoopbackAddress();
    const elsewhere = address ? await tryConnect(address, port) : 'ECONNREFUSED (no other address on this machine)';
    await second.stop();

    // Assert
    expect(tables.$metadata.httpStatusCode).toBe(200);
    expect(elsewhere).toMatch(/^ECONNREFUSED/);
  });
});
